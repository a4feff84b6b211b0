import { describe, expect, it, vi } from 'vitest'

// Node has no localStorage: a Map stands in, so persistence can be read back.
const saved = new Map<string, string>()
const storage = {
  getItem: (key: string) => saved.get(key) ?? null,
  setItem: (key: string, value: string) => void saved.set(key, value),
  removeItem: (key: string) => void saved.delete(key),
}
// zustand's persist reads `window.localStorage`.
vi.stubGlobal('localStorage', storage)
vi.stubGlobal('window', { localStorage: storage })
const { useUiStore } = await import('./ui-store')

describe('ui store', () => {
  it('starts with presentation off and the first default instance at its own price', () => {
    const state = useUiStore.getState()
    expect(state.presentation).toBe(false)
    expect(state.fleet).toEqual({ instance: 't3.medium', usdPerHour: null })
  })

  it('given a price and then another type, keeps each change, merged, and persists them', () => {
    const ui = useUiStore.getState()
    ui.setFleet({ usdPerHour: 0.05 })
    expect(useUiStore.getState().fleet).toEqual({ instance: 't3.medium', usdPerHour: 0.05 })
    ui.setFleet({ instance: 'c7g.xlarge' })
    ui.setPresentation(true)
    expect(JSON.parse(saved.get('slp.ui') ?? '{}').state).toMatchObject({
      presentation: true,
      fleet: { instance: 'c7g.xlarge', usdPerHour: 0.05 },
    })
  })
})
