<?cs # The ECS Assessments tab (guide 1.9): the company's account on the online
     assessment service, the sign-in link, credits and bookings.
     Reads: Account.username, Account.password_set (when a password was generated),
     Password.new (only on the page that generated it), Credits.balance,
     Bookings.N.id/code/name/window_from/window_to/state/state_label/sat/score,
     Service.configured, Can.signin/password/book/buy, Session.csrf, Page.base.
     Tests: id="account-username", id="signin-form", id="signin", id="new-password",
     id="credit-balance", id="bookings-table". ?><?cs include:"layout/header.cs" ?>
<div class="page-header">
  <h1>ECS Assessments</h1>
  <p class="lead">Log in to the ECS Online Assessments portal, where your employees sit the Health, Safety &amp; Environmental assessment online with remote invigilation.</p>
</div>

<section class="panel" id="account" aria-labelledby="account-title">
  <h2 id="account-title">Your ECS Online Assessments account</h2>
  <p class="hint">Your username and password are automatically generated.</p>
  <dl class="summary-list">
    <dt>Username</dt><dd id="account-username"><?cs var:Account.username ?></dd>
    <dt>Password</dt><dd><?cs if:Password.new ?><strong class="code-block" id="new-password"><?cs var:Password.new ?></strong><?cs elif:Account.password_set ?>Generated <?cs var:Account.password_set ?> (shown only once)<?cs else ?>Not generated yet<?cs /if ?></dd>
  </dl>
<?cs if:Password.new ?>
  <p class="notice notice-warning" id="password-notice">Please note this password now: it is shown only this once. The portal keeps only a one-way hash of it.</p>
<?cs /if ?>
  <div class="actions">
<?cs if:Can.signin && Service.configured ?>
    <form id="signin-form" method="post" action="<?cs var:Page.base ?>/assessments/signin">
      <input type="hidden" name="_csrf" value="<?cs var:Session.csrf ?>">
      <button class="btn btn-primary" type="submit" id="signin">LOG IN TO ECS ASSESSMENTS &gt;</button>
    </form>
<?cs elif:Can.signin ?>
    <p class="hint">The ECS Online Assessments service is not set up on this portal yet.</p>
<?cs /if ?>
<?cs if:Can.password ?>
    <form method="post" action="<?cs var:Page.base ?>/assessments/password">
      <input type="hidden" name="_csrf" value="<?cs var:Session.csrf ?>">
      <button class="btn btn-secondary" type="submit" id="generate-password"><?cs if:Account.password_set || Password.new ?>GENERATE A NEW PASSWORD<?cs else ?>GENERATE A PASSWORD<?cs /if ?></button>
    </form>
<?cs /if ?>
  </div>
  <p class="hint">The link signs you in for one minute and works once; follow it again from here whenever you need it.</p>
  <p id="company-guide">Further details on the assessment system and setting up exams can be found in the <strong>ECS Online Assessments Company Guide</strong>, available to download from <a href="https://www.ecscard.org.uk/content/Employers" rel="noopener noreferrer">ecscard.org.uk</a>.</p>
</section>

<section class="panel" id="credits" aria-labelledby="credits-title">
  <h2 id="credits-title">Assessment credits</h2>
  <p>Credits available: <strong id="credit-balance"><?cs var:Credits.balance ?></strong>. Each booking uses one credit; a booking not used by the end of its window gives its credit back.</p>
  <div class="actions">
<?cs if:Can.buy ?>    <a class="btn btn-secondary" href="<?cs var:Page.base ?>/orders/credits" id="buy-credits">PURCHASE CREDITS</a><?cs /if ?>
<?cs if:Can.book ?>    <a class="btn btn-primary" href="<?cs var:Page.base ?>/assessments/book" id="book">BOOK AN ASSESSMENT</a><?cs /if ?>
  </div>
</section>

<div class="table-wrap">
  <table class="table" id="bookings-table">
    <caption>Bookings</caption>
    <thead><tr><th scope="col">Booking</th><th scope="col">Employee</th><th scope="col">Window</th><th scope="col">Status</th><th scope="col">Sat</th><th scope="col" class="num">Score</th></tr></thead>
    <tbody>
<?cs each:b = Bookings ?>
      <tr>
        <td><a class="reference" href="<?cs var:Page.base ?>/assessments/bookings/<?cs var:b.id ?>"><?cs var:b.code ?></a></td>
        <td><?cs var:b.name ?></td>
        <td class="nowrap"><?cs var:b.window_from ?> to <?cs var:b.window_to ?></td>
        <td><span class="tag <?cs if:b.state == "passed" ?>tag-green<?cs elif:b.state == "failed" ?>tag-red<?cs elif:b.state == "expired" ?>tag-grey<?cs else ?>tag-amber<?cs /if ?>"><?cs var:b.state_label ?></span></td>
        <td><?cs var:b.sat ?></td>
        <td class="num"><?cs var:b.score ?></td>
      </tr>
<?cs /each ?>
<?cs if:!?Bookings.0.id ?>
      <tr><td colspan="6" class="empty">No bookings yet.</td></tr>
<?cs /if ?>
    </tbody>
  </table>
</div>
<?cs include:"layout/footer.cs" ?>
