package ferry.httpd.common;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/** The error body of the /v1 face. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ApiError(int status, String error, String message, Map<String, Object> details) {}
