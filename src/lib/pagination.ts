/** §1 page arithmetic, shared by every list service. */
export interface PageRequest {
  page: number;
  page_size: number;
}

export function pageOffset({ page, page_size }: PageRequest): number {
  return (page - 1) * page_size;
}

export function paginationOf(total: number, { page, page_size }: PageRequest) {
  return { total, page, page_size, total_pages: Math.ceil(total / page_size) };
}
