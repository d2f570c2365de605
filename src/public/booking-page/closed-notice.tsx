/** registration_status "closed": the experience stays visible but takes no bookings. */
export function ClosedNotice() {
  return (
    <section id="registration-closed" class="card notice" aria-labelledby="closed-title">
      <h2 id="closed-title">Registration is closed</h2>
      <p>This experience is not taking bookings at the moment. Please check back later.</p>
    </section>
  );
}
