import { disposeSandbox, newPreparedSandbox, sandboxKey } from './prepared-sandbox'
import type { PreparedSandbox, SandboxConfig } from './prepared-sandbox'
import type { WasmSource } from './wasm-module'

type Made = { ok: true; sandbox: PreparedSandbox } | { ok: false; error: unknown }

/**
 * One sandbox prepared ahead of the next cold start (wasm instance, runtime, context, runtime
 * shim: about 5 ms of work that no user code is part of), so that a cold start pays for INIT and
 * the invocation only. The function host prepares it after a deploy and again after each cold
 * start, on a later task, so that making it never lengthens the invocation that used the last
 * one. A creation that fails is reported by the cold start that takes it, as its own failure.
 */
export class SpareSandbox {
  #entry: { key: string; made: Promise<Made> } | undefined
  #timer: ReturnType<typeof setTimeout> | undefined
  #disposed = false

  /**
   * @param wasm where instances come from
   * @param onLeak called when a spare nobody used fails to free cleanly (with `verify`)
   * @param verify free unused spares explicitly (tests: leak check)
   */
  constructor(
    private readonly wasm: WasmSource,
    private readonly onLeak: () => void,
    private readonly verify = false,
  ) {}

  /** Starts making a spare for `config` now, unless one that fits is ready or on its way. */
  prepare(config: SandboxConfig): void {
    const key = sandboxKey(config)
    if (this.#disposed || this.#entry?.key === key) return
    void this.#drop()
    const made = newPreparedSandbox(this.wasm, config).then(
      (sandbox): Made => ({ ok: true, sandbox }),
      (error: unknown): Made => ({ ok: false, error }),
    )
    this.#entry = { key, made }
  }

  /** `prepare`, on a later task (after the current invocation has returned its record). */
  prepareLater(config: SandboxConfig): void {
    if (this.#disposed || this.#timer !== undefined) return
    if (this.#entry?.key === sandboxKey(config)) return
    this.#timer = setTimeout(() => {
      this.#timer = undefined
      this.prepare(config)
    }, 0)
  }

  /**
   * Takes the spare if it was made for a configuration like `config`, waiting for it if it is
   * still being made; undefined when none fits. Throws the error its creation failed with.
   */
  async take(config: SandboxConfig): Promise<PreparedSandbox | undefined> {
    const entry = this.#entry
    if (!entry || entry.key !== sandboxKey(config)) return undefined
    this.#entry = undefined
    const made = await entry.made
    if (!made.ok) throw made.error
    return made.sandbox
  }

  /** Resolves once the spare scheduled or being made is ready (or failed). */
  async ready(): Promise<void> {
    while (this.#timer !== undefined) await new Promise((resolve) => setTimeout(resolve, 0))
    await this.#entry?.made
  }

  /** Drops the spare (disposing it once made) and makes no more. */
  async dispose(): Promise<void> {
    this.#disposed = true
    clearTimeout(this.#timer)
    this.#timer = undefined
    await this.#drop()
  }

  async #drop(): Promise<void> {
    const entry = this.#entry
    this.#entry = undefined
    if (!entry) return
    const made = await entry.made
    if (made.ok && !disposeSandbox(made.sandbox, this.verify)) this.onLeak()
  }
}
