# Admin API: list users
curl -s -H "X-SFTPGO-API-KEY: <your-api-key>" \
"${ENDPOINT}/api/v2/users" | jq .
# User API: list directory contents
curl -s -H "X-SFTPGO-API-KEY: <your-api-key>" \
"${ENDPOINT}/api/v2/user/dirs" | jq .
# User API: act as user "alice" with a generic user-scoped key
curl -s -H "X-SFTPGO-API-KEY: <your-api-key>.alice" \
"${ENDPOINT}/api/v2/user/dirs" | jq .
# Admin API: act as admin "operator" with a generic admin-scoped key
curl -s -H "X-SFTPGO-API-KEY: <your-api-key>.operator" \
"${ENDPOINT}/api/v2/users" | jq .
