// Web client behaviour (Alpine components registered on alpine:init).
