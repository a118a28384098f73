<?cs # One assessment booking. Reads: Booking.id/code/name/office/window_from/window_to/
     state/state_label/sat/score/booked_by/created, Page.base.
     Tests: id="booking-code", id="booking-state". ?><?cs include:"layout/header.cs" ?>
<div class="page-header">
  <h1>Assessment booking <span id="booking-code"><?cs var:Booking.code ?></span></h1>
  <p class="lead"><span class="tag <?cs if:Booking.state == "passed" ?>tag-green<?cs elif:Booking.state == "failed" ?>tag-red<?cs elif:Booking.state == "expired" ?>tag-grey<?cs else ?>tag-amber<?cs /if ?>" id="booking-state"><?cs var:Booking.state_label ?></span></p>
</div>
<dl class="summary-list panel" id="booking-details">
  <dt>Employee</dt><dd><?cs var:Booking.name ?></dd>
  <dt>Office</dt><dd><?cs var:Booking.office ?></dd>
  <dt>Window</dt><dd><?cs var:Booking.window_from ?> to <?cs var:Booking.window_to ?></dd>
  <dt>Booking code</dt><dd><?cs var:Booking.code ?> (the employee gives this code to the assessment service)</dd>
<?cs if:Booking.sat ?>  <dt>Sat on</dt><dd><?cs var:Booking.sat ?></dd><?cs /if ?>
<?cs if:Booking.score != "" ?>  <dt>Score</dt><dd><?cs var:Booking.score ?> of 50 (pass mark 43)</dd><?cs /if ?>
  <dt>Booked</dt><dd><?cs var:Booking.created ?> by <?cs var:Booking.booked_by ?></dd>
</dl>
<p class="actions"><a class="btn btn-secondary" href="<?cs var:Page.base ?>/assessments">&lt; ECS ASSESSMENTS</a></p>
<?cs include:"layout/footer.cs" ?>
