/**
 * The simulation worker: holds the core's simulation so that the page's thread never runs the
 * simulation loop. It exposes one session; the page's client (client.ts) wraps it.
 */
import * as Comlink from 'comlink'
import { createSimSession, type SimSession } from './session'

const session: SimSession = createSimSession()

Comlink.expose(session)
