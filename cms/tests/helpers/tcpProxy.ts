import { createServer, connect, type Socket } from 'node:net'

/**
 * A TCP proxy to a server (e.g. PostgreSQL), for cutting the line for real: `cut()` drops every
 * connection and refuses new ones until `restore()`, as a network failure or a server that went
 * away would, without touching the server itself.
 */
export async function tcpProxy(target: { host: string; port: number }) {
  let open = true
  const sockets = new Set<Socket>()
  const server = createServer((client) => {
    if (!open) {
      client.destroy()
      return
    }
    const upstream = connect(target.port, target.host)
    for (const socket of [client, upstream]) {
      sockets.add(socket)
      socket.on('close', () => sockets.delete(socket))
      socket.on('error', () => {
        client.destroy()
        upstream.destroy()
      })
    }
    client.pipe(upstream).pipe(client)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  return {
    port,
    cut() {
      open = false
      for (const socket of sockets) socket.destroy()
    },
    restore() {
      open = true
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      }),
  }
}
