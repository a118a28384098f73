<?cs # Orders Requiring Attention: open orders, orders awaiting payment and
     orders awaiting BACS allocation. Reads what orders/orderlist.cs reads, Can.create. ?><?cs include:"layout/header.cs" ?>
<div class="page-header">
  <h1>Orders Requiring Attention</h1>
  <p class="lead">These are outstanding orders that need action to complete.</p>
<?cs if:Can.create ?>  <p class="actions"><a class="btn btn-secondary" href="<?cs var:Page.base ?>/orders/new">Create a New Empty Order</a> <a class="btn btn-secondary" href="<?cs var:Page.base ?>/orders/advance">Create New Advance Order</a></p><?cs /if ?>
</div>
<?cs set:List.url = "/orders/attention" ?><?cs set:List.empty = "No orders need attention." ?>
<?cs include:"orders/orderlist.cs" ?>
<?cs include:"layout/footer.cs" ?>
