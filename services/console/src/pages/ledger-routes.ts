import { LEDGER_READERS, type ConsoleRoute } from '../routes/console-route';
import { WEEKS_SHOWN, balanceRows, weekFiguresOf, weeklyChart, weeksUpTo } from '../view-models/ledger-view';

/** The ledger page: the live balance, and the last weeks' figures as a table and a chart (Q2, Q3). */
export function ledgerRoutes(): ConsoleRoute[] {
  return [
    {
      method: 'get',
      path: '/ledger',
      access: { roles: LEDGER_READERS },
      handle: async (_request, response, context) => {
        const api = context!.api;
        const balance = await api.ledgerBalance();
        const currentWeek = String(((balance['currentWeek'] ?? {}) as Record<string, unknown>)['isoWeek'] ?? '');
        const weeks = /^\d{4}-W\d{2}$/.test(currentWeek) ? await Promise.all(weeksUpTo(currentWeek, WEEKS_SHOWN).map(async (week) => weekFiguresOf(await api.weeklyReport(week)))) : [];
        response.render('pages/ledger', {
          rows: balanceRows(balance),
          paused: balance['paused'] === true,
          noticeGiven: balance['mode'] !== 'open',
          weeks: [...weeks].reverse(),
          chart: weeklyChart(weeks),
          mayDecide: context!.person.roles.includes('ledger-officer'),
          liveRefresh: true,
        });
      },
    },
  ];
}
