curl -X POST https://api.mftplus.co.za/api/agents/heartbeat \
-H "Content-Type: application/json" \
-H "X-API-Key: mft_ak_xxxxxxxxxxxxxxxxxxxx" \
-d '{"status": "online"}'
