package ferry.core.account;

import java.util.List;

/**
 * The reference API's {@code BandwidthLimit}: KB/s limits for clients from some networks.
 *
 * @param sources CIDR networks the limit applies to
 * @param uploadBandwidth KB/s per upload, 0 unlimited
 * @param downloadBandwidth KB/s per download, 0 unlimited
 */
public record BandwidthLimit(List<String> sources, long uploadBandwidth, long downloadBandwidth) {
  public BandwidthLimit {
    sources = List.copyOf(sources);
  }
}
