// No test may reach beyond this machine: HTTP to anything but loopback fails at once.
// (Redis speaks raw TCP and is unaffected; it is on 127.0.0.1 anyway.)
import nock from 'nock';

nock.disableNetConnect();
nock.enableNetConnect((host) => /^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/.test(host));
