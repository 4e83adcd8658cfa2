// `pnpm test`: every check and every package's tests, each run even when an earlier one failed,
// then one summary, so a newcomer sees everything that is wrong at once. Only a missing program
// (scripts/test-tools.sh) stops it before the rest: without Chromium or nginx the suites cannot
// say anything true.
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

const root = path.resolve(import.meta.dirname, '..')
const reports = mkdtempSync(path.join(tmpdir(), 'test-reports-'))

/** A vitest run that also writes its counts as JSON, for the summary. */
const vitest = (pkg) => ['pnpm', '--filter', pkg, 'test', '--reporter=default', '--reporter=json', `--outputFile.json=${path.join(reports, `${pkg}.json`)}`]

const steps = [
  { name: 'lint', command: ['pnpm', 'lint'] },
  { name: 'cms: generated files up to date', command: ['pnpm', '--filter', 'cms', 'check:generated'] },
  { name: 'cms: typecheck', command: ['pnpm', '--filter', 'cms', 'typecheck'] },
  { name: 'cms: tests', command: vitest('cms'), report: 'cms' },
  { name: 'web: tests', command: vitest('web'), report: 'web' },
  { name: 'web: typecheck', command: ['pnpm', '--filter', 'web', 'typecheck'] },
]

function run([command, ...args]) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit' })
    child.on('error', (error) => resolve({ code: 1, error }))
    child.on('exit', (code, signal) => resolve({ code: code ?? 1, signal }))
  })
}

/** Counts from vitest's JSON report, or undefined when the run ended before writing one. */
function counts(pkg) {
  try {
    const report = JSON.parse(readFileSync(path.join(reports, `${pkg}.json`), 'utf8'))
    return { passed: report.numPassedTests, failed: report.numFailedTests, skipped: report.numPendingTests + report.numTodoTests }
  } catch {
    return undefined
  }
}

const seconds = (ms) => `${(ms / 1000).toFixed(0)} s`
const started = Date.now()

const tools = await run(['bash', 'scripts/test-tools.sh'])
if (tools.code !== 0) {
  console.error('\npnpm test: stopped before any test, a program the tests need is missing (see above).')
  process.exit(1)
}

const results = []
for (const step of steps) {
  console.log(`\n━━ ${step.name}: ${step.command.join(' ')}`)
  const begin = Date.now()
  const { code, signal, error } = await run(step.command)
  const why = error?.message ?? (signal ? `ended by ${signal}` : `exit code ${code}`)
  results.push({ ...step, ok: code === 0, ms: Date.now() - begin, why, tally: step.report && counts(step.report) })
  if (signal === 'SIGINT' || signal === 'SIGTERM') break
}
rmSync(reports, { recursive: true, force: true })

console.log('\n━━ Summary')
for (const result of results) {
  const { tally } = result
  const detail = tally ? `${tally.passed} passed, ${tally.failed} failed, ${tally.skipped} skipped` : result.ok ? '' : result.why
  console.log(`${result.ok ? '✓' : '✗'} ${result.name.padEnd(34)} ${seconds(result.ms).padStart(6)}  ${detail}`)
}
for (const step of steps.slice(results.length)) console.log(`- ${step.name.padEnd(34)}    not run (interrupted)`)
const failedSteps = results.filter((result) => !result.ok).length + steps.length - results.length
const total = results.reduce(
  (sum, { tally }) => (tally ? { passed: sum.passed + tally.passed, failed: sum.failed + tally.failed, skipped: sum.skipped + tally.skipped } : sum),
  { passed: 0, failed: 0, skipped: 0 },
)
console.log(`\n${failedSteps === 0 ? 'All steps passed' : `${failedSteps} of ${steps.length} steps failed`} in ${seconds(Date.now() - started)}.`)
// The plain closing line CI reads: every test of every package.
console.log(`Tests: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`)
process.exit(failedSteps === 0 ? 0 : 1)
