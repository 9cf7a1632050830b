/** Korean strings of the dashboard's fleet parts (see fleet-en.ts), spread into ko.ts. */
import type { fleetEn } from './fleet-en';

/** Korean fleet strings: the same keys as {@link fleetEn}. */
export const fleetKo: { readonly [K in keyof typeof fleetEn]: string } = {
  'nav.fleet': '서버 전체',
  'fleet.loading': '서버 목록을 읽는 중…',
  'fleet.failed': '서버 목록을 읽지 못했습니다: {message}',
  'fleet.onlyLocal': '아직 이 컴퓨터만 감시하고 있습니다.',
  'fleet.howToAdd':
    '다른 서버를 감시하려면 그 서버에서 --tls --new-token 옵션으로 에이전트를 시작하고, 출력되는 토큰과 TLS 지문을 적어 두세요. 그런 다음 --watch 옵션(https://:토큰@호스트:포트#sha256=지문 형식의 URL), 설정 → 서버, 또는 settings.json의 fleet.servers 목록으로 이 Hostwatch에 추가하세요. README의 “Many servers” 절에 단계별로 나와 있습니다.',
  'fleet.switcher': '서버',
  'fleet.switcherOption': '{name} ({health})',
  'fleet.showing': '{host} 표시 중',
  'fleet.unreachableTitle': '{host}에 연결할 수 없습니다',
  'fleet.unreachableSince':
    '{ago} 동안 아무 응답이 없습니다. 이 Hostwatch가 “서버 연결 불가” 알림을 보냅니다.',
  'fleet.lastKnown': '아래 내용은 마지막으로 받은 것입니다.',
  'fleet.unreachableNever':
    '아직 아무 응답도 받지 못했습니다. 이 Hostwatch가 “서버 연결 불가” 알림을 보냅니다.',
  'fleet.problem': '원인: {message}',
  'fleet.notWatched': '“{host}”은(는) 감시 중인 서버가 아닙니다.',
  'settings.ofLocal': '이 컴퓨터({host})의 설정입니다. 다른 서버의 설정은 위에서 서버를 고르세요.',
  'settings.ofRemote':
    '{host}의 설정입니다. 이 Hostwatch를 거쳐 그 서버에서 읽고 그 서버에 저장합니다.',
};
