/** After the browser has painted the next frame (a task queued from an animation frame runs after it). */
export function afterNextPaint(run: () => void): void {
  let done = false
  const once = () => {
    if (done) return
    done = true
    run()
  }
  requestAnimationFrame(() => setTimeout(once, 0))
  // A tab opened in the background paints nothing until it is shown; it starts all the same.
  setTimeout(once, 1000)
}
