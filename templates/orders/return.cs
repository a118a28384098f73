<?cs # Where the payment gateway sends the browser back: it only shows the state;
     the gateway's notification is what marks an order paid. Reads: Order.*,
     Payment.state/detail, Payment.waiting (the gateway's answer awaited: no TRY AGAIN),
     Payment.cancelled (the buyer cancelled at the gateway),
     Page.refresh, Can.pay. Tests: id="payment-status". ?><?cs include:"layout/header.cs" ?>
<div class="page-header">
  <h1>Payment for order <?cs var:Order.label ?></h1>
</div>
<div id="payment-status">
<?cs if:Order.state == "paid" ?>
  <div class="notice notice-success" role="status"><p>Thank you: your payment of <?cs var:Order.total ?> has been received and order <?cs var:Order.label ?> is paid.</p></div>
<?cs elif:Payment.state == "failed" ?>
  <div class="alert" role="alert"><p>The payment was not taken: <?cs var:Payment.detail ?></p></div>
<?cs elif:Payment.cancelled ?>
  <div class="notice" role="status" id="payment-cancelled"><p>The payment was cancelled at the payment gateway: nothing was taken. You can try again, or pay another way.</p></div>
<?cs elif:Payment.waiting ?>
  <div class="notice" role="status"><p>We are waiting for the payment gateway to confirm your payment. This page checks again every few seconds.</p></div>
<?cs else ?>
  <div class="notice" role="status"><p>This order is <?cs var:Order.state_label ?>.</p></div>
<?cs /if ?>
</div>
<div class="actions">
<?cs if:Order.state != "paid" && Can.pay && !Payment.waiting ?>  <a class="btn btn-primary" href="<?cs var:Page.base ?>/orders/<?cs var:Order.id ?>/pay">TRY AGAIN</a><?cs /if ?>
  <a class="btn btn-secondary" href="<?cs var:Page.base ?>/orders/<?cs var:Order.id ?>">VIEW ORDER</a>
  <a class="btn btn-plain" href="<?cs var:Page.base ?>/orders/fulfilled">Orders Being Fulfilled</a>
</div>
<?cs include:"layout/footer.cs" ?>
