/** English strings of Hostwatch's own cost (issue 11): the status footer, the budget, its notice. */
export const selfCostEn = {
  'selfCost.footer': 'Hostwatch uses {figures} ({processes} processes)',
  'selfCost.footerOne': 'Hostwatch uses {figures} (1 process)',
  'selfCost.footerRemote': 'Hostwatch on {host} uses {figures} ({processes} processes)',
  'selfCost.footerRemoteOne': 'Hostwatch on {host} uses {figures} (1 process)',
  'selfCost.throttled':
    'Processes and temperatures are read 4× less often to stay within its CPU budget.',
  'settings.selfCost': 'Own CPU budget',
  'settings.selfCostHint':
    'When Hostwatch itself uses more CPU than this on average over the period, it reads processes and temperatures 4× less often until it is back within budget.',
  'settings.cpuBudgetPercent': 'CPU budget (% of one core, 0.1–100)',
  'settings.budgetMinutes': 'Over (minutes, 1–1440)',
  // The schema's own words for each field (main/shared/settings.ts), matched by their English.
  'error.cpuBudget':
    'Write the CPU budget as a number from 0.1 to 100 (% of one core), e.g. 1 for 1 %',
  'error.budgetMinutes':
    'Write the budget period in whole minutes from 1 to 1440 (one day), e.g. 10',
  'notice.cpuBudget':
    'Hostwatch used {mean}% CPU over {minutes} min, above its budget of {budget}%: processes and temperatures are read 4× less often until it is back within budget',
  'system.cpuThrottled':
    'Own CPU {mean}% over {minutes} min, above the {budget}% budget: processes and temperatures slowed',
  'system.cpuRestored':
    'Own CPU {mean}% over {minutes} min, within the {budget}% budget: processes and temperatures at their set cadence again',
} as const;
