// Preloaded into the Microsoft 365 Agents Playground (node --require): its server calls listen(port) with no
// host, which binds every interface, and it has no option to change that. This forces every TCP listen in the
// process onto 127.0.0.1. Unix sockets and already-open handles are left alone.
'use strict';
const net = require('node:net');

const LOOPBACK = '127.0.0.1';
const originalListen = net.Server.prototype.listen;

net.Server.prototype.listen = function listenOnLoopback(...args) {
  const first = args[0];
  if (first !== null && typeof first === 'object' && !Array.isArray(first)) {
    // listen(options[, cb]) — a handle ({ _handle } / { fd }) or a pipe ({ path }) is not a TCP port.
    if (first.path === undefined && first.fd === undefined && first._handle === undefined && !('handle' in first)) {
      args[0] = { ...first, host: LOOPBACK };
    }
    return originalListen.apply(this, args);
  }
  if (typeof first === 'string' && !/^\d+$/.test(first)) {
    return originalListen.apply(this, args); // a pipe path
  }
  // listen([port][, host][, backlog][, cb]): drop whatever host was given and put the loopback address in.
  const port = typeof first === 'number' || typeof first === 'string' ? first : 0;
  const rest = (typeof first === 'number' || typeof first === 'string' ? args.slice(1) : args).filter(
    (a, i) => !(i === 0 && typeof a === 'string'),
  );
  return originalListen.call(this, port, LOOPBACK, ...rest);
};
