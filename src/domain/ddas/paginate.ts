/** DDAS-VS non-functionals: at most 50,000 signals (vroegsignalen) per message. */
export const MAX_SIGNALS_PER_MESSAGE = 50_000;

export interface PagePlan {
  /** Present only when the data does not fit one message or the client asked for a page size. */
  paginering?: { pageSize: number; currentPage: number; totalPages: number; totalRecords: number };
  offset: number;
  limit: number;
}

/**
 * Which slice of the signals one message carries (DDAS-VS non-functionals, "Performance"): a page
 * that does not exist gives the first page; without a page asked for but too many records, the
 * first page too; with everything fitting and no page size asked for, no paging object at all.
 */
export function planPage(totalRecords: number, req: { page?: number | undefined; pageSize?: number | undefined }, max = MAX_SIGNALS_PER_MESSAGE): PagePlan {
  const pageSize = Math.min(req.pageSize ?? max, max);
  const totalPages = Math.max(1, Math.ceil(totalRecords / pageSize));
  const paged = req.pageSize !== undefined || req.page !== undefined || totalRecords > pageSize;
  if (!paged) return { offset: 0, limit: pageSize };
  const currentPage = req.page !== undefined && req.page >= 1 && req.page <= totalPages ? req.page : 1;
  return { paginering: { pageSize, currentPage, totalPages, totalRecords }, offset: (currentPage - 1) * pageSize, limit: pageSize };
}
