package ferry.core.account;

import java.util.List;

/**
 * The parts of the reference API's {@code BaseUserFilters} that Ferry keeps and enforces.
 *
 * @param allowedIp CIDRs a login may come from; empty allows all
 * @param deniedIp CIDRs refused, checked before the allowed ones
 * @param deniedLoginMethods reference {@code LoginMethods} values refused
 * @param deniedProtocols reference {@code SupportedProtocols} values refused
 * @param filePatterns allowed and denied names per directory
 * @param maxUploadFileSize largest single upload in bytes, 0 unlimited
 * @param bandwidthLimits per-network bandwidth overrides
 * @param allowApiKeyAuth whether an API key may act as this user
 * @param startDirectory the directory a session starts in, "" for "/"
 */
public record UserFilters(
    List<String> allowedIp,
    List<String> deniedIp,
    List<String> deniedLoginMethods,
    List<String> deniedProtocols,
    List<PatternsFilter> filePatterns,
    long maxUploadFileSize,
    List<BandwidthLimit> bandwidthLimits,
    boolean allowApiKeyAuth,
    String startDirectory) {
  /** No filter at all. */
  public static final UserFilters NONE =
      new UserFilters(List.of(), List.of(), List.of(), List.of(), List.of(), 0, List.of(), false, "");

  public UserFilters {
    allowedIp = List.copyOf(allowedIp);
    deniedIp = List.copyOf(deniedIp);
    deniedLoginMethods = List.copyOf(deniedLoginMethods);
    deniedProtocols = List.copyOf(deniedProtocols);
    filePatterns = List.copyOf(filePatterns);
    bandwidthLimits = List.copyOf(bandwidthLimits);
    startDirectory = startDirectory == null ? "" : startDirectory;
  }
}
