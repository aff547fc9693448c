import { createSigner, type Signer } from '@meshwork/mesh/runtime';

/**
 * The session's one signing key pair (SPEC [P14]), made on first use and kept for the whole
 * session: the server binds the public key to the peer id and refuses a resume with another.
 */
export class SessionKeys {
  readonly #subtle: SubtleCrypto;
  #signer: Signer | null = null;
  #making: Promise<Signer> | null = null;

  /** `subtle` makes the key pair; misuse (throws at once) when there is no WebCrypto. */
  constructor(subtle: SubtleCrypto | undefined) {
    if (!subtle) {
      throw new Error('ClientSession needs WebCrypto: serve the page over https or localhost');
    }
    this.#subtle = subtle;
  }

  /** The WebCrypto the keys come from (the mesh verifies peers' signatures with it too). */
  get subtle(): SubtleCrypto {
    return this.#subtle;
  }

  /** The signer once made, else null. */
  get signer(): Signer | null {
    return this.#signer;
  }

  /**
   * Runs `use` with the signer: synchronously once it exists (so a rejoin leaves at once, in
   * order with what follows it), else when it is made; `failed` if it cannot be made.
   */
  use(use: (signer: Signer) => void, failed: (err: unknown) => void): void {
    if (this.#signer) use(this.#signer);
    else this.ready().then(use, failed);
  }

  /** The signer, made once; every caller gets the same one. */
  ready(): Promise<Signer> {
    this.#making ??= createSigner(this.#subtle).then((signer) => {
      this.#signer = signer;
      return signer;
    });
    return this.#making;
  }
}
