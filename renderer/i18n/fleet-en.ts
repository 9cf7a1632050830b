/**
 * English strings of the dashboard's fleet parts (issue 8): the Fleet tab, its empty state, the
 * host switcher and the unreachable notice. Spread into en.ts so their keys are part of the one
 * dictionary.
 */
export const fleetEn = {
  'nav.fleet': 'Fleet',
  'fleet.loading': 'Reading the fleet…',
  'fleet.failed': 'The fleet could not be read: {message}',
  'fleet.onlyLocal': 'Only this computer is watched so far.',
  'fleet.howToAdd':
    'To watch another server, start an agent there with --tls --new-token and note the token and the TLS fingerprint it prints. Then add it to this Hostwatch with --watch (a URL such as https://:TOKEN@HOST:PORT#sha256=FINGERPRINT), in Settings → Servers, or in the fleet.servers list of settings.json. The README’s “Many servers” section shows each step.',
  'fleet.switcher': 'Server',
  'fleet.switcherOption': '{name} — {health}',
  'fleet.showing': 'Showing {host}',
  'fleet.unreachableTitle': '{host} is unreachable',
  'fleet.unreachableSince':
    'Nothing heard from it for {ago}; this Hostwatch raises a “host unreachable” alert for it.',
  'fleet.lastKnown': 'What is shown below is the last it sent.',
  'fleet.unreachableNever':
    'Nothing has been heard from it yet; this Hostwatch raises a “host unreachable” alert for it.',
  'fleet.problem': 'Cause: {message}',
  'fleet.notWatched': '“{host}” is not one of the watched servers.',
  'settings.ofLocal':
    'These are the settings of this computer ({host}). Pick a server above to change its own.',
  'settings.ofRemote':
    'These are the settings of {host}: they are read from that server and saved there, through this Hostwatch.',
} as const;
