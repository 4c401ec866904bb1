app_name = "oefeningen"

urlpatterns = []
