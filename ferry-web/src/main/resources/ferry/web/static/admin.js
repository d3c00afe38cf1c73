// Admin console behaviour (Alpine components registered on alpine:init).
