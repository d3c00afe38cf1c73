curl -X POST https://api.mftplus.co.za/api/agents/register \
-H "Content-Type: application/json" \
-H "Authorization: Bearer <customer-token>" \
-d '{
"name": "prod-server-1",
"hostname": "server1.example.com",
"os": "linux"
}'
