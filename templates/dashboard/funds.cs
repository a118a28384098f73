<?cs # The company's funds: balance and the latest movements.
     Reads: Funds.balance, Funds.ledger.N.day/kind/amount. ?><?cs include:"layout/header.cs" ?>
<div class="page-header">
  <h1>Company funds</h1>
  <p class="lead">Balance available for card purchases: <strong id="funds-balance"><?cs var:Funds.balance ?></strong></p>
</div>
<div class="table-wrap">
  <table class="table">
    <caption>Latest movements</caption>
    <thead><tr><th scope="col">Date</th><th scope="col">Movement</th><th scope="col" class="num">Amount</th></tr></thead>
    <tbody>
    <?cs each:m = Funds.ledger ?>
      <tr><td><?cs var:m.day ?></td><td><?cs var:m.kind ?></td><td class="num"><?cs var:m.amount ?></td></tr>
    <?cs /each ?>
    <?cs if:!?Funds.ledger.0.day ?>
      <tr><td colspan="3" class="empty">No movements yet.</td></tr>
    <?cs /if ?>
    </tbody>
  </table>
</div>
<p class="actions"><a class="btn btn-secondary" href="<?cs var:Page.base ?>/orders/advance">Create New Advance Order</a></p>
<?cs include:"layout/footer.cs" ?>
