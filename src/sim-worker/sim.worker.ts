/**
 * The simulation worker: holds the core's simulation and the QuickJS sandboxes of functions
 * that run real code, so that the page's thread never runs the simulation loop or user code.
 * It exposes one session; the page's client (client.ts) wraps it.
 */
import * as Comlink from 'comlink'
import { browserWasmSource } from '../sandboxes/quickjs/load-quickjs-browser'
import { createAsyncSimSession, type AsyncSimSession } from './session'

const session: AsyncSimSession = createAsyncSimSession({ wasm: browserWasmSource })

Comlink.expose(session)
