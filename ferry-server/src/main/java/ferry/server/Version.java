package ferry.server;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Ferry's version, from the build. */
public final class Version {
  private Version() {}

  public static String get() {
    try (InputStream in = Version.class.getResourceAsStream("/ferry-version.properties")) {
      Properties p = new Properties();
      if (in != null) p.load(in);
      return p.getProperty("version", "dev");
    } catch (IOException e) {
      return "dev";
    }
  }
}
