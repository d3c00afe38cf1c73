package ferry.script;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP request as a script built it.
 *
 * @param method HTTP method, upper case
 * @param url absolute http or https URL, as the script wrote it
 * @param headers request headers
 * @param body request body; empty for none
 * @param timeout limit of the exchange; {@link Duration#ZERO} for the engine default
 * @param trust accepted server certificates
 */
record HttpSpec(
    String method,
    String url,
    Map<String, String> headers,
    Optional<String> body,
    Duration timeout,
    TlsTrust trust) {
  HttpSpec {
    headers = Map.copyOf(headers);
  }
}
