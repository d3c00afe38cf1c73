# Define the payload for a standalone user
# We configure the S3 backend explicitly here.
USER_PAYLOAD=$(cat <<EOF
{
"status": 1,
"username": "testuser_standalone",
"password": "clear_text_complex_password",
"permissions": {
"/": ["*"]
},
"filesystem": {
"provider": 1,
"s3config": {
"bucket": "testbucket",
"region": "eu-central-1",
"access_key": "myaccesskey",
"access_secret": {
"status": "Plain",
"payload": "myaccesssecret"
},
"key_prefix": "users/testuser_standalone/"
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
