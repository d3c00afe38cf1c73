package ferry.core.admin;

import java.util.List;

/**
 * An Admin body as a client sent it; null means absent. Unknown permission names are kept as text
 * so that the service can name them in its answer.
 */
public record AdminInput(String username, Integer status, String email, String description, String password,
    List<String> permissions, List<String> allowList, Boolean allowApiKeyAuth, String additionalInfo) {}
