import { describe, expect, it } from 'vitest'
import { FRAME_CSP, frameSrcdoc, isFrameCommand, isFrameEvent } from './frame-source'

describe('the sandboxed frame', () => {
  it('accepts exactly two commands, well formed', () => {
    expect(isFrameCommand({ type: 'spawn', id: 1, source: 'x' })).toBe(true)
    expect(isFrameCommand({ type: 'terminate', id: 7 })).toBe(true)
  })

  it('refuses anything else: other types, bad ids, extra fields, non-objects', () => {
    const refused = [
      null,
      'spawn',
      { type: 'eval', id: 1, source: 'x' },
      { type: 'spawn', id: 0, source: 'x' },
      { type: 'spawn', id: 1.5, source: 'x' },
      { type: 'spawn', id: '1', source: 'x' },
      { type: 'spawn', id: 1 },
      { type: 'spawn', id: 1, source: 'x', options: { type: 'module' } },
      { type: 'terminate', id: 1, extra: true },
    ]
    expect(refused.filter((data) => isFrameCommand(data))).toEqual([])
  })

  it('the page listens only for ready and died', () => {
    expect(isFrameEvent({ type: 'ready' })).toBe(true)
    expect(isFrameEvent({ type: 'died', id: 2, message: 'x' })).toBe(true)
    expect(isFrameEvent({ type: 'died', id: 2 })).toBe(false)
    expect(isFrameEvent({ type: 'record' })).toBe(false)
  })

  it('its document forbids the network and carries one inline script, with the validator', () => {
    const doc = frameSrcdoc()
    expect(FRAME_CSP).toContain("default-src 'none'")
    expect(FRAME_CSP).not.toMatch(/connect-src|https?:|'self'/)
    expect(doc).toContain(`content="${FRAME_CSP}"`)
    expect(doc.match(/<script>/g)).toHaveLength(1)
    expect(doc).toContain('event.source !== window.parent')
    expect(doc).toContain(isFrameCommand.name)
  })
})
