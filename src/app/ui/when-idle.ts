/**
 * Runs `task` in a task of its own once the browser has nothing more urgent to do, at the latest
 * after `timeout` ms (Safari has no requestIdleCallback: there, on a timer). Returns a cancel.
 */
export function whenIdle(task: () => void, timeout = 1000): () => void {
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(() => task(), { timeout })
    return () => cancelIdleCallback(id)
  }
  const id = setTimeout(task, 1)
  return () => clearTimeout(id)
}
