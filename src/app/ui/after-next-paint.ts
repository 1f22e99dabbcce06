/** Runs `run` once, at the first of `starts`; each start is given the function to call. */
function once(run: () => void, ...starts: ((go: () => void) => void)[]): void {
  let done = false
  const go = () => {
    if (done) return
    done = true
    run()
  }
  for (const start of starts) start(go)
}

// A tab opened in the background paints nothing until it is shown; it starts all the same.
const orAfterASecond = (go: () => void) => setTimeout(go, 1000)

/** After the browser has painted the next frame (a task queued from an animation frame runs after it). */
export function afterNextPaint(run: () => void): void {
  once(run, (go) => requestAnimationFrame(() => setTimeout(go, 0)), orAfterASecond)
}

/**
 * After the page's first content is on the screen (its first-contentful-paint entry). A frame
 * painted is not yet a frame shown: requests and scripts started in between compete with showing
 * it, on a slow phone for hundreds of milliseconds. Where paint timing is missing, after the next
 * paint.
 */
export function afterFirstContentfulPaint(run: () => void): void {
  if (!PerformanceObserver.supportedEntryTypes?.includes('paint')) return afterNextPaint(run)
  once(
    run,
    (go) => {
      const observer = new PerformanceObserver((entries) => {
        if (entries.getEntriesByName('first-contentful-paint').length === 0) return
        observer.disconnect()
        go()
      })
      observer.observe({ type: 'paint', buffered: true })
    },
    orAfterASecond,
  )
}
