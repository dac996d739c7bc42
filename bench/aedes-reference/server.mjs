// The classic design the service replaces, modernised: one Node process with an embedded broker
// (aedes) that answers every JSON message on `test` with a reply on `other`, inside the broker.
// Used only as the reference the benchmark compares against.
//   node server.mjs <port>
import net from 'node:net'
import { Aedes } from 'aedes'

const port = Number(process.argv[2] || 1883)
const aedes = await Aedes.createBroker()

aedes.on('publish', (packet, client) => {
  if (!client || packet.topic !== 'test') {
    return
  }
  let request
  try {
    request = JSON.parse(packet.payload.toString('utf8'))
  } catch (e) {
    publish('other/errors', { error: 'not_json: ' + e.message, payload: packet.payload.toString('utf8', 0, 4096) })
    return
  }
  const reply = {
    reply: `Hello ${request.name}, you said: ${request.talk}`,
    name: request.name,
    talk: request.talk,
    timestamp: new Date().toISOString()
  }
  if (request.seq !== undefined) reply.seq = request.seq
  if (request.id !== undefined) reply.id = request.id
  publish('other', reply)
})

function publish (topic, body) {
  aedes.publish({ cmd: 'publish', topic, payload: Buffer.from(JSON.stringify(body)), qos: 1, retain: false }, () => {})
}

// TCP_NODELAY as the JVM broker has it: otherwise Nagle's algorithm and delayed ACKs add ~40 ms to
// every QoS 1 round trip and the comparison would measure the kernel, not the brokers.
net.createServer({ noDelay: true }, aedes.handle).listen(port, '127.0.0.1', () => {
  console.log(`aedes reference listening on 127.0.0.1:${port}`)
})
