/**
 * Preloaded (NODE_OPTIONS=--require) into processes that must not touch the network: every
 * outgoing TCP connection, DNS lookup and fetch is logged to $NO_NET_LOG and refused.
 * Local IPC (unix sockets, used by worker pools) is allowed.
 */
const fs = require('fs');
const net = require('net');
const dns = require('dns');
const log = (what) => fs.appendFileSync(process.env.NO_NET_LOG || '/dev/stderr', `${what}\n`);
const origConnect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function connect(...args) {
  // Node normalizes connect's arguments into an array ([options, callback]) internally.
  const opts = Array.isArray(args[0]) ? args[0][0] : args[0];
  if (opts && typeof opts === 'object' && !Array.isArray(opts) && opts.path) return origConnect.apply(this, args);
  log(`net.connect ${JSON.stringify(opts && typeof opts === 'object' ? { host: opts.host, port: opts.port } : args.slice(0, 2))}`);
  throw new Error('network access is disabled in this test');
};
const refuseLookup = (host, ...rest) => {
  log(`dns.lookup ${host}`);
  const cb = rest[rest.length - 1];
  if (typeof cb === 'function') process.nextTick(cb, new Error('network access is disabled in this test'));
};
dns.lookup = refuseLookup;
if (dns.promises) dns.promises.lookup = async (host) => { log(`dns.lookup ${host}`); throw new Error('network access is disabled in this test'); };
if (typeof globalThis.fetch === 'function') {
  globalThis.fetch = async (url) => { log(`fetch ${String(url)}`); throw new Error('network access is disabled in this test'); };
}
