app_name = "bijeenkomsten"

urlpatterns = []
