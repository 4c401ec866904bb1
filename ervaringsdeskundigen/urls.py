app_name = "ervaringsdeskundigen"

urlpatterns = []
