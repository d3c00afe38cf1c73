package ferry.web.admin.accounts;

import ferry.core.error.ValidationException;
import ferry.web.frame.Page;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which form field a {@link ValidationException} of the core is about: its {@code details.field}
 * when it names one, otherwise the wire path its message starts with (the account rules always start
 * with it, e.g. {@code filesystem.s3config.bucket is required}), mapped to the form's field names.
 */
final class FieldErrors {
  private static final Pattern PATH = Pattern.compile("^([A-Za-z_][A-Za-z0-9_]*(?:\\[[^\\]]*\\])?(?:\\.[A-Za-z_][A-Za-z0-9_]*(?:\\[[^\\]]*\\])?)*)");

  private FieldErrors() {}

  /** Puts the error beside its field (or only at the top when no field is known), in the page's language. */
  static FormValues show(FormValues form, ValidationException e, Page page) {
    String text = page.messages().core(e.getMessage());
    String field = field(e);
    if (field == null) return form.summary(text);
    return form.error(field, text);
  }

  static String field(ValidationException e) {
    Object f = e.details().get("field");
    if (f != null) return formField(f.toString());
    Matcher m = PATH.matcher(e.getMessage() == null ? "" : e.getMessage());
    return m.find() ? formField(m.group(1)) : null;
  }

  /** The form's name of a wire path ({@code filters.allowed_ip} is {@code allowed_ip}). */
  static String formField(String wire) {
    String[] seg = wire.replaceAll("\\[[^\\]]*\\]", "").split("\\.");
    if (seg[0].equals("user_settings") && seg.length > 1) return formField(wire.substring(wire.indexOf('.') + 1));
    return switch (seg[0]) {
      case "filesystem" -> seg.length > 2 && seg[1].equals("s3config") ? "s3_" + seg[2]
          : seg.length > 2 && seg[1].equals("sftpconfig") ? "sftp_" + seg[2]
          : seg.length > 2 && seg[1].equals("ftpconfig") ? "ftp_" + seg[2] : "fs_provider";
      case "filters" -> seg.length > 1 ? seg[1] : "filters";
      default -> seg[0];
    };
  }
}
