/** Korean strings of Settings → Servers (remote agents, "Test connection", Alertmanagers). */
import type { serversEn } from './servers-en';

/** Korean for every key of {@link serversEn}. */
export const serversKo: { readonly [K in keyof typeof serversEn]: string } = {
  'servers.heading': '서버',
  'servers.intro':
    '이 인스턴스가 감시하는 다른 Hostwatch 에이전트입니다. 에이전트가 시작할 때 출력한 지문을 붙여 넣으세요 (hostwatch agent --print-fingerprint).',
  'servers.none': '아직 서버가 없습니다.',
  'servers.add': '서버 추가',
  'servers.remove': '삭제',
  'servers.rowLabel': '서버 {n}',
  'servers.id': 'ID',
  'servers.idHint': '영어 소문자, 숫자, _ 와 - 만 씁니다. 플릿에서 서버를 가리킵니다.',
  'servers.name': '이름',
  'servers.url': '주소',
  'servers.urlHint': 'https://호스트:포트, 예: https://web01.example.com:9477',
  'servers.fingerprint': '인증서 지문',
  'servers.fingerprintHint': '에이전트가 출력한 그대로 SHA256:AB:CD:…',
  'servers.trustSystemCa': '지문 대신 시스템 CA를 신뢰',
  'servers.enabled': '이 서버 감시',
  'servers.token': '토큰',
  'servers.tokenSaved': '저장됨',
  'servers.tokenNotSaved': '저장 안 됨',
  'servers.tokenWillReplace': '저장하면 바뀝니다',
  'servers.tokenWillClear': '저장하면 지워집니다',
  'servers.newToken': '새 토큰',
  'servers.clearToken': '토큰 지우기',
  'servers.keepToken': '저장된 토큰 유지',
  'servers.test': '연결 테스트',
  'servers.testing': '테스트 중…',
  'servers.pin': '이 지문 고정',
  'servers.pinned': '고정했습니다. 다시 테스트한 뒤 저장하세요.',
  'servers.error.fingerprintNeeded':
    'https 주소에는 인증서 지문이 필요합니다 (또는 "시스템 CA를 신뢰")',
  'servers.error.duplicateName': '같은 이름의 서버가 이미 있습니다',
  'servers.error.duplicateId': '같은 ID의 서버가 이미 있습니다',
  'servers.result.ok': '{host}에 연결됨: Hostwatch {version}, 인증서 {fingerprint}.',
  'servers.result.fingerprint-mismatch':
    '인증서가 고정한 것과 다릅니다: 서버가 보낸 지문은 {seen} 입니다. 아무것도 보내지 않았습니다. 고정하기 전에 서버에서 확인하세요 (hostwatch agent --print-fingerprint).',
  'servers.result.untrusted-certificate':
    '아직 고정한 지문이 없습니다: 서버가 보낸 지문은 {seen} 입니다. 아무것도 보내지 않았습니다. 서버에서 확인한 뒤 고정하세요 (hostwatch agent --print-fingerprint).',
  'servers.result.wrong-token':
    '에이전트가 토큰을 거부했습니다: 토큰을 확인하세요 (hostwatch agent --new-token 으로 새 토큰을 만듭니다).',
  'servers.result.not-hostwatch': '이 주소에서 응답이 있지만 Hostwatch 에이전트가 아닙니다.',
  'servers.result.version-too-old':
    '이 Hostwatch 에이전트는 너무 오래되었습니다: 서버에서 업데이트하세요.',
  'servers.result.tls': 'TLS 핸드셰이크에 실패했습니다.',
  'servers.result.not-tls':
    '이 주소는 TLS를 쓰지 않습니다 (일반 HTTP 서버?): 루프백 밖의 에이전트는 HTTPS를 씁니다.',
  'servers.result.refused':
    '연결이 거부되었습니다: 그곳에서 듣고 있는 것이 없습니다 (에이전트가 이 포트에서 실행 중인가요?).',
  'servers.result.timeout': '제시간에 응답이 없습니다: 서버나 방화벽이 연결을 버립니다.',
  'servers.result.dns': '호스트 이름을 찾을 수 없습니다: 철자를 확인하세요.',
  'servers.result.other': '테스트에 실패했습니다.',
  'servers.result.noToken': '먼저 토큰을 입력하세요: 이 서버에 저장된 토큰이 없습니다.',
  'alertmanagers.heading': 'Alertmanager',
  'alertmanagers.intro':
    'Alertmanager 소스: 활성 알림이 플릿에 나타납니다. 이메일은 Hostwatch가 아니라 Alertmanager가 보냅니다.',
  'alertmanagers.none': '아직 Alertmanager가 없습니다.',
  'alertmanagers.add': 'Alertmanager 추가',
  'alertmanagers.rowLabel': '{n}번 Alertmanager',
  'alertmanagers.urlHint': 'https://호스트:9093 (http:// 는 이 컴퓨터에서만)',
  'alertmanagers.auth': '로그인',
  'alertmanagers.auth.none': '없음',
  'alertmanagers.auth.basic': '사용자 이름과 비밀번호',
  'alertmanagers.auth.bearer': 'Bearer 토큰',
  'alertmanagers.username': '사용자 이름',
  'alertmanagers.secret': '비밀번호 또는 토큰',
  'alertmanagers.newSecret': '새 비밀번호 또는 토큰',
  'alertmanagers.clearSecret': '비밀번호 또는 토큰 지우기',
  'alertmanagers.error.urlFormat': '주소를 https://호스트:포트 (경로는 선택) 형식으로 쓰세요',
  'alertmanagers.result.ok':
    '연결됨: Alertmanager {version}, 활성 알림 {count}개, 인증서 {fingerprint}.',
  'alertmanagers.result.fingerprint-mismatch':
    '인증서가 고정한 것과 다릅니다: 고정한 지문은 {expected}, 서버가 보낸 지문은 {seen} 입니다. 아무것도 보내지 않았습니다. 고정하기 전에 Alertmanager 서버에서 확인하세요.',
  'alertmanagers.result.untrusted-certificate':
    '아직 고정한 지문이 없습니다: 서버가 보낸 지문은 {seen} 입니다. 아무것도 보내지 않았습니다. Alertmanager 서버에서 확인한 뒤 고정하세요.',
  'alertmanagers.result.wrong-credentials':
    '인증 정보가 틀렸습니다: Alertmanager가 로그인을 거부했습니다 (HTTP 401 또는 403). 사용자 이름과 비밀번호, 또는 토큰을 확인하세요.',
  'alertmanagers.result.not-alertmanager':
    '이 주소에서 응답이 있지만 Alertmanager가 아닙니다 (올바른 /api/v2/status 없음): 주소와 경로를 확인하세요.',
  'alertmanagers.result.refused':
    '연결이 거부되었습니다: 그곳에서 듣는 것이 없습니다 (Alertmanager가 이 포트에서 실행 중인가요?).',
  'alertmanagers.result.not-tls':
    '이 주소는 TLS를 쓰지 않습니다: http:// 를 쓰거나 (이 컴퓨터에서만) Alertmanager 웹 설정에서 TLS를 켜세요.',
  'alertmanagers.result.noSecret':
    '먼저 비밀번호나 토큰을 입력하세요: 이 Alertmanager에 저장된 것이 없습니다.',
  'error.serverUrl': '주소를 https://호스트:포트 형식으로 쓰세요 (경로나 토큰 없이)',
  'error.serverFingerprint': '에이전트가 출력한 지문을 붙여 넣으세요: SHA256:AB:CD:…',
  'error.serverIdsUnique': '서버 ID는 서로 달라야 합니다',
  'error.serverIdLocal': '"local"은 이 컴퓨터를 가리킵니다. 다른 ID를 고르세요',
  'error.serverIdChars': '영어 소문자, 숫자, _ 와 - 만 쓰세요',
  'error.amIdChars': '영어 소문자, 숫자와 - 만 쓰세요',
  'error.amName': 'Alertmanager 이름을 입력하세요',
};
