package ferry.script;

import ferry.vfs.CopyOptions;
import ferry.vfs.OverwritePolicy;
import java.util.Locale;
import java.util.Map;
import org.graalvm.polyglot.Value;

/**
 * Reads the options object of {@code CopyToVFS}, {@code MoveToVFS}, {@code Download} and {@code
 * Upload}: {@code {overwrite: 0..3 | "never" | "always" | "ifSizeDiffers" | "ifNewer", tempName:
 * true | false}}. The numbers are the AFT! policies NeverOverwrite 0, AlwaysOverwrite 1,
 * OverwriteIfDiffSize 2 and OverwriteIfNewer 3. Missing options keep the defaults of {@link
 * CopyOptions#defaults()} (always overwrite, temporary name on).
 */
final class TransferOptions {
  private static final OverwritePolicy[] BY_NUMBER = {
    OverwritePolicy.NEVER,
    OverwritePolicy.ALWAYS,
    OverwritePolicy.IF_SIZE_DIFFERS,
    OverwritePolicy.IF_NEWER
  };

  private static final Map<String, OverwritePolicy> BY_NAME =
      Map.of(
          "never", OverwritePolicy.NEVER,
          "neveroverwrite", OverwritePolicy.NEVER,
          "always", OverwritePolicy.ALWAYS,
          "alwaysoverwrite", OverwritePolicy.ALWAYS,
          "ifsizediffers", OverwritePolicy.IF_SIZE_DIFFERS,
          "overwriteifdiffsize", OverwritePolicy.IF_SIZE_DIFFERS,
          "ifnewer", OverwritePolicy.IF_NEWER,
          "overwriteifnewer", OverwritePolicy.IF_NEWER);

  private static final String OVERWRITE_HELP =
      "overwrite must be 0 (never), 1 (always), 2 (ifSizeDiffers) or 3 (ifNewer)";

  private TransferOptions() {}

  /**
   * Returns the copy options for argument {@code i}; none, {@code null} or {@code undefined} give
   * the defaults.
   *
   * @throws IllegalArgumentException with a message for the script if the options are invalid
   */
  static CopyOptions parse(Value[] args, int i) {
    CopyOptions options = CopyOptions.defaults();
    if (!JsValues.present(args, i)) {
      return options;
    }
    Value value = args[i];
    if (!value.hasMembers() || value.isString() || value.canExecute() || value.hasArrayElements()) {
      throw new IllegalArgumentException(
          "invalid options: expected an object like {overwrite: \"ifNewer\", tempName: true}");
    }
    for (String key : value.getMemberKeys()) {
      Value member = value.getMember(key);
      switch (key) {
        case "overwrite" -> options = options.withOverwrite(overwrite(member));
        case "tempName" -> options = options.withTempRename(flag(member));
        default ->
            throw new IllegalArgumentException(
                "invalid options: unknown option '" + key + "'; known are overwrite and tempName");
      }
    }
    return options;
  }

  private static OverwritePolicy overwrite(Value member) {
    if (member.isNumber() && member.fitsInInt()) {
      int n = member.asInt();
      if (n >= 0 && n < BY_NUMBER.length) {
        return BY_NUMBER[n];
      }
    } else if (member.isString()) {
      OverwritePolicy policy = BY_NAME.get(member.asString().trim().toLowerCase(Locale.ROOT));
      if (policy != null) {
        return policy;
      }
    }
    throw new IllegalArgumentException(
        "invalid options: " + OVERWRITE_HELP + ", not " + show(member));
  }

  private static boolean flag(Value member) {
    if (member.isBoolean()) {
      return member.asBoolean();
    }
    throw new IllegalArgumentException(
        "invalid options: tempName must be true or false, not " + show(member));
  }

  private static String show(Value value) {
    return value.isString() ? "\"" + value.asString() + "\"" : value.toString();
  }
}
