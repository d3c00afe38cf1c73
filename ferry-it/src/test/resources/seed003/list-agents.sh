curl https://api.mftplus.co.za/api/agents \
-H "Authorization: Bearer <admin-token>"
