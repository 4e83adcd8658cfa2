import { spawn } from 'node:child_process'

/**
 * A command run in a process group of its own (`pnpm exec …` starts more processes than one),
 * its output kept for error messages, ended by signalling the whole group.
 */
export function spawnGroup(command: string, args: string[], { cwd, env }: { cwd: string; env: NodeJS.ProcessEnv }) {
  const child = spawn(command, args, { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  child.stdout.on('data', (chunk) => (output += chunk))
  child.stderr.on('data', (chunk) => (output += chunk))
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()))
  /** Signals every process of the group and waits (up to 10 s) for it to end. */
  const end = (signal: NodeJS.Signals) => async () => {
    try {
      process.kill(-child.pid!, signal)
    } catch {
      return
    }
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))])
  }
  return {
    /** The group's first process (and the group's id). */
    pid: child.pid!,
    output: () => output,
    hasExited: () => child.exitCode !== null || child.signalCode !== null,
    /** Its exit code once it has exited (null while it runs, or if a signal ended it). */
    exitCode: () => child.exitCode,
    /** SIGTERM: a clean stop. */
    stop: end('SIGTERM'),
    /** SIGKILL: gone at once, mid-work, as in a crash. */
    kill: end('SIGKILL'),
  }
}
