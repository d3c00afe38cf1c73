GROUP_NAME="BasicUsers"
# Define the payload for a group-based user
# Note:
# 1. We assign the user to a Primary Group (type: 1).
# 2. Since the Group handles the filesystem, we can pass dummy/invalid values
# for the user's explicit filesystem configuration.
USER_PAYLOAD=$(cat <<EOF
{
"status": 1,
"username": "testuser_group",
"password": "clear_text_complex_password",
"groups": [
{
"type": 1,
"name": "${GROUP_NAME}"
}
],
"permissions": {
"/": ["*"]
},
"filesystem": {
"provider": 1,
"s3config": {
"bucket": "invalid",
"region": "invalid"
}
}
}
EOF
)
# Create the user
curl -X POST \
-H "Authorization: Bearer ${TOKEN}" \
-H "Content-Type: application/json" \
-d "${USER_PAYLOAD}" \
"${ENDPOINT}/api/v2/users"
