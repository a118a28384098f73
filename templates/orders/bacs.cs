<?cs # The guide's "Marked for BACS allocation" notice. Reads: Order.kind, Order.bacs_reference. ?>
<div class="notice notice-warning" id="bacs-notice" role="status">
  <h2>Marked for BACS allocation</h2>
  <p>You have marked this <?cs if:Order.kind == "advance_payment" ?>Advance Payment<?cs else ?>order<?cs /if ?> for payment by BACS. Please note that the <?cs if:Order.kind == "advance_payment" ?>funds will not be available<?cs elif:Order.kind == "assessment_credits" ?>assessment credits will not be available<?cs else ?>applications will not be processed<?cs /if ?> until the payment has been allocated by the finance department on its receipt. This may take up to 2 weeks. Please annotate your electronic payment with our reference <strong id="bacs-reference"><?cs var:Order.bacs_reference ?></strong>. Failure to use the exact reference number will delay processing your payment.</p>
</div>
