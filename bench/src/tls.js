// A throw-away certificate authority and one server certificate for every provider host, made
// with openssl at the start of each run. Only the measuring child trusts the CA, through
// NODE_EXTRA_CA_CERTS; nothing is installed system-wide.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const openssl = (args, cwd) =>
  execFileSync('openssl', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });

/**
 * @param {string} directory where the PEM files go (recreated)
 * @param {string[]} hosts DNS names the server certificate must cover
 */
export const createCertificates = (directory, hosts) => {
  rmSync(directory, { recursive: true, force: true });
  mkdirSync(directory, { recursive: true });
  const curve = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  openssl(
    [
      'req',
      '-x509',
      ...curve,
      '-keyout',
      'ca.key',
      '-out',
      'ca.pem',
      '-days',
      '2',
      '-subj',
      '/CN=Switchboard bench CA (throw-away)',
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
    ],
    directory,
  );
  openssl(
    [
      'req',
      ...curve,
      '-keyout',
      'server.key',
      '-out',
      'server.csr',
      '-subj',
      '/CN=switchboard-bench',
    ],
    directory,
  );
  const names = [...new Set(['localhost', ...hosts])].map((host) => `DNS:${host}`);
  writeFileSync(
    path.join(directory, 'server.ext'),
    [
      `subjectAltName=${[...names, 'IP:127.0.0.1'].join(',')}`,
      'basicConstraints=CA:FALSE',
      'keyUsage=critical,digitalSignature',
      'extendedKeyUsage=serverAuth',
      '',
    ].join('\n'),
  );
  openssl(
    [
      'x509',
      '-req',
      '-in',
      'server.csr',
      '-CA',
      'ca.pem',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-out',
      'server.pem',
      '-days',
      '2',
      '-sha256',
      '-extfile',
      'server.ext',
    ],
    directory,
  );
  const read = (file) => readFileSync(path.join(directory, file));
  return {
    caFile: path.join(directory, 'ca.pem'),
    cert: read('server.pem'),
    key: read('server.key'),
  };
};
