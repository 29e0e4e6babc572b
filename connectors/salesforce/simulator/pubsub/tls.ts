import { generate } from 'selfsigned';

/** A key and certificate (PEM) a TLS server presents; the certificate is also what its clients trust. */
export interface TlsIdentity {
  readonly key: string;
  readonly cert: string;
}

let made: Promise<TlsIdentity> | undefined;

/**
 * A self-signed certificate for localhost and 127.0.0.1, made once per process (an EC key: quick to
 * make, as every simulator the tests start needs one). Clients are given `cert` to trust.
 */
export function simulatorIdentity(): Promise<TlsIdentity> {
  made ??= generate([{ name: 'commonName', value: 'localhost' }], {
    keyType: 'ec',
    curve: 'P-256',
    notAfterDate: new Date(Date.now() + 365 * 86_400_000),
    extensions: [
      { name: 'basicConstraints', cA: true },
      { name: 'keyUsage', digitalSignature: true, keyCertSign: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
        ],
      },
    ],
  }).then((result) => ({ key: result.private, cert: result.cert }));
  return made;
}
