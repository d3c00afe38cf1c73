'use strict';
// Starts s3rver for S3rverTestServer: loopback, a port the OS picks, objects in the directory
// given as the first argument, the bucket given as the second one created. Prints {"port": N}
// once it listens, then its request log; exits when its stdin closes, so a test JVM that dies
// leaves no server behind.
const S3rver = require('s3rver');

const [directory, bucket] = process.argv.slice(2);
new S3rver({
  address: '127.0.0.1',
  port: 0,
  directory,
  silent: false,
  configureBuckets: [{ name: bucket }],
})
  .run()
  .then(({ port }) => console.log(JSON.stringify({ port })))
  .catch((err) => {
    console.error(err);
    process.exit(1);
  });

process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
