/**
 * English strings of Settings → Servers (remote agents, "Test connection", Alertmanagers),
 * spread into en.ts so their keys are part of the one dictionary. The `error.*` keys are the
 * settings schema's own messages, so the form can translate them.
 */
export const serversEn = {
  'servers.heading': 'Servers',
  'servers.intro':
    'Other Hostwatch agents this instance watches. Paste the fingerprint the agent printed at start (hostwatch agent --print-fingerprint).',
  'servers.none': 'No servers yet.',
  'servers.add': 'Add server',
  'servers.remove': 'Remove',
  'servers.rowLabel': 'Server {n}',
  'servers.id': 'Id',
  'servers.idHint': 'Lowercase letters, digits, _ and -; it names the server in the fleet.',
  'servers.name': 'Name',
  'servers.url': 'Address',
  'servers.urlHint': 'https://host:port, e.g. https://web01.example.com:9477',
  'servers.fingerprint': 'Certificate fingerprint',
  'servers.fingerprintHint': 'SHA256:AB:CD:… as the agent printed it',
  'servers.trustSystemCa': 'Trust the system CAs instead of a pin',
  'servers.enabled': 'Watch this server',
  'servers.token': 'Token',
  'servers.tokenSaved': 'saved',
  'servers.tokenNotSaved': 'not saved',
  'servers.tokenWillReplace': 'will be replaced on save',
  'servers.tokenWillClear': 'will be cleared on save',
  'servers.newToken': 'New token',
  'servers.clearToken': 'Clear token',
  'servers.keepToken': 'Keep saved token',
  'servers.test': 'Test connection',
  'servers.testing': 'Testing…',
  'servers.pin': 'Pin this fingerprint',
  'servers.pinned': 'Pinned. Test again, then save.',
  'servers.error.fingerprintNeeded':
    'An https address needs the certificate fingerprint, or "Trust the system CAs"',
  'servers.error.duplicateName': 'Another server already has this name',
  'servers.error.duplicateId': 'Another server already has this id',
  'servers.result.ok': 'Connected to {host}: Hostwatch {version}, certificate {fingerprint}.',
  'servers.result.fingerprint-mismatch':
    'The certificate is not the pinned one: the server presents {seen}. Nothing was sent. Check it on the server (hostwatch agent --print-fingerprint) before pinning it.',
  'servers.result.untrusted-certificate':
    'No pin yet: the server presents {seen}. Nothing was sent. Check it on the server (hostwatch agent --print-fingerprint), then pin it.',
  'servers.result.wrong-token':
    'The agent refused the token: check it (hostwatch agent --new-token prints a new one).',
  'servers.result.not-hostwatch':
    'Something answers at this address, but it is not a Hostwatch agent.',
  'servers.result.version-too-old': 'This Hostwatch agent is too old: update it on the server.',
  'servers.result.tls': 'The TLS handshake failed.',
  'servers.result.not-tls':
    'This address does not speak TLS (a plain HTTP server?): agents beyond loopback serve HTTPS.',
  'servers.result.refused':
    'The connection was refused: nothing listens there (is the agent running, on this port?).',
  'servers.result.timeout': 'No answer in time: the server or a firewall drops the connection.',
  'servers.result.dns': 'The host name cannot be resolved: check the spelling.',
  'servers.result.other': 'The test failed.',
  'servers.result.noToken': 'Type the token first: none is saved for this server.',
  'alertmanagers.heading': 'Alertmanagers',
  'alertmanagers.intro':
    'Alertmanager sources: their active alerts join the fleet. Alertmanager sends their email, not Hostwatch.',
  'alertmanagers.none': 'No Alertmanagers yet.',
  'alertmanagers.add': 'Add Alertmanager',
  'alertmanagers.rowLabel': 'Alertmanager {n}',
  'alertmanagers.urlHint': 'https://host:9093 (http:// only on this computer)',
  'alertmanagers.auth': 'Login',
  'alertmanagers.auth.none': 'None',
  'alertmanagers.auth.basic': 'User name and password',
  'alertmanagers.auth.bearer': 'Bearer token',
  'alertmanagers.username': 'User name',
  'alertmanagers.secret': 'Password or token',
  'alertmanagers.newSecret': 'New password or token',
  'alertmanagers.clearSecret': 'Clear password or token',
  'alertmanagers.error.urlFormat': 'Write the address as https://host:port (an optional /path)',
  'alertmanagers.result.ok':
    'Connected: Alertmanager {version}, {count} active alerts, certificate {fingerprint}.',
  'alertmanagers.result.fingerprint-mismatch':
    'The certificate is not the pinned one: pinned {expected}, the server presents {seen}. Nothing was sent. Check it on the Alertmanager host before pinning it.',
  'alertmanagers.result.untrusted-certificate':
    'No pin yet: the server presents {seen}. Nothing was sent. Check it on the Alertmanager host, then pin it.',
  'alertmanagers.result.wrong-credentials':
    'Wrong credentials: the Alertmanager refused the login (HTTP 401 or 403). Check the user name and password, or the token.',
  'alertmanagers.result.not-alertmanager':
    'Something answers at this address, but it is not an Alertmanager (no valid /api/v2/status): check the address and its path.',
  'alertmanagers.result.refused':
    'The connection was refused: nothing listens there (is Alertmanager running, on this port?).',
  'alertmanagers.result.not-tls':
    'This address does not speak TLS: use http:// (on this computer only) or enable TLS in the Alertmanager web config.',
  'alertmanagers.result.noSecret':
    'Type the password or token first: none is saved for this Alertmanager.',
  'error.serverUrl': 'Write the address as https://host:port, without a path or a token',
  'error.serverFingerprint': 'Paste the fingerprint the agent printed: SHA256:AB:CD:…',
  'error.serverIdsUnique': 'Server ids must be unique',
  'error.serverIdLocal': '"local" names this computer; choose another id',
  'error.serverIdChars': 'Use lowercase letters, digits, _ and -',
  'error.amIdChars': 'Use lower-case letters, digits and dashes',
  'error.amName': 'Give the Alertmanager a name',
};
