// For running pure unit tests without engines: jest --globalSetup=./test/helpers/noop.js --globalTeardown=./test/helpers/noop.js
module.exports = async () => undefined;
