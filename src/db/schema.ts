// Every table, for drizzle-kit (the source of the migrations) and for queries. One file per
// area keeps each under a screen of columns.
export * from "./tables/bookings";
export * from "./tables/catalog";
export * from "./tables/delivery";
export * from "./tables/tenancy";
